package org.eto4j.examples.springboot;

import org.springframework.boot.test.context.SpringBootTest;

/** The example on the default in-memory store. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = LiveCalculationContract.THROTTLE)
class InMemoryCalculationTest extends LiveCalculationContract {
}
