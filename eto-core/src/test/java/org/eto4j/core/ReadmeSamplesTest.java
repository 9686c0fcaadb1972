package org.eto4j.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's quick-start and batch samples are, line for line, the code that {@link QuickStartTest} compiles. */
class ReadmeSamplesTest {

    @Test
    void readmeSamplesAreCompiledByQuickStartTest() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String test = Files.readString(Path.of("src/test/java/org/eto4j/core/QuickStartTest.java"),
                StandardCharsets.UTF_8);
        List<String> blocks = javaBlocks(readme);
        assertTrue(blocks.size() >= 2, "README has java samples");
        // The first two blocks are the compiled samples (quick start, batch).
        for (String block : blocks.subList(0, 2)) {
            for (String line : block.split("\n")) {
                String l = line.strip();
                if (!l.isEmpty()) {
                    assertTrue(test.contains(l), () -> "README line not in QuickStartTest: " + l);
                }
            }
        }
    }

    private static List<String> javaBlocks(String markdown) {
        List<String> out = new java.util.ArrayList<>();
        int i = 0;
        while ((i = markdown.indexOf("```java\n", i)) >= 0) {
            int end = markdown.indexOf("```", i + 8);
            out.add(markdown.substring(i + 8, end));
            i = end + 3;
        }
        return out;
    }
}
