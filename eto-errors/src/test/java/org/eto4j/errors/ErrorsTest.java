package org.eto4j.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorsTest {

    @Test
    void aNullArgumentIsKeptInItsPlace() {
        List<Object> args = Errors.arguments("tmin", null, 3);

        assertEquals(3, args.size());
        assertEquals("tmin", args.get(0));
        assertNull(args.get(1));
        assertEquals(3, args.get(2));
    }

    @Test
    void aNullArrayOrListMeansNoArguments() {
        assertEquals(List.of(), Errors.arguments((Object[]) null));
        assertEquals(List.of(), Errors.arguments((List<?>) null));
        assertEquals(List.of(), Errors.arguments());
    }

    @Test
    void aSingleNullArgumentIsOneNullElementNotNoArguments() {
        List<Object> args = Errors.arguments((Object) null);

        assertEquals(1, args.size());
        assertNull(args.get(0));
    }

    @Test
    void everyCopyAnswersWhetherItHoldsANull() {
        assertTrue(Errors.arguments("a", null).contains(null));
        assertFalse(Errors.arguments("a").contains(null));
        assertFalse(Errors.arguments().contains(null));
        assertFalse(Errors.arguments(List.of()).contains(null));
        assertEquals(-1, Errors.arguments().indexOf(null));
    }

    @Test
    void theCopyIsImmutable() {
        List<Object> fromArray = Errors.arguments("a", null);
        List<Object> fromList = Errors.arguments(Arrays.asList("a", null));

        for (List<Object> args : List.of(fromArray, fromList)) {
            assertThrows(UnsupportedOperationException.class, () -> args.set(0, "b"));
            assertThrows(UnsupportedOperationException.class, () -> args.add("c"));
            assertThrows(UnsupportedOperationException.class, () -> args.remove(0));
        }
    }

    @Test
    void laterChangesToTheSourceDoNotShowThrough() {
        Object[] array = {"a", "b"};
        List<Object> list = new ArrayList<>(List.of("a", "b"));

        List<Object> fromArray = Errors.arguments(array);
        List<Object> fromList = Errors.arguments(list);
        array[0] = "changed";
        list.set(0, "changed");
        list.add("more");

        assertEquals(List.of("a", "b"), fromArray);
        assertEquals(List.of("a", "b"), fromList);
    }

    @Test
    void theCopySurvivesSerialization() throws IOException, ClassNotFoundException {
        List<Object> args = Errors.arguments("a", null, 2.5);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(args);
        }
        Object back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = in.readObject();
        }

        assertEquals(args, back);
    }

    @Test
    void theSummaryNamesCodeKeyFieldRowAndArguments() {
        assertEquals("ETO-1003 error.tmin_above_tmax field=tmin row=4 args=[31.0, null]",
                Errors.summary("ETO-1003", "error.tmin_above_tmax", "tmin", 4, Arrays.asList(31.0, null)));
        assertEquals("ETO-1003 error.tmin_above_tmax",
                Errors.summary("ETO-1003", "error.tmin_above_tmax", null, -1, List.of()));
        assertEquals("ETO-1003 error.tmin_above_tmax", Errors.summary("ETO-1003", "error.tmin_above_tmax", null,
                -7, null));
    }

    @Test
    void theSummaryOfACodeHasNoFieldOrRow() {
        assertEquals("X-0001 error.x args=[1, null]", Errors.summary(TestCode.X, 1, null));
        assertEquals("X-0001 error.x", Errors.summary(TestCode.X));
        assertEquals("X-0001 error.x", Errors.summary(TestCode.X, (Object[]) null));
        NullPointerException e = assertThrows(NullPointerException.class, () -> Errors.summary(null, 1));
        assertTrue(e.getMessage().contains("code"), e.getMessage());
    }

    enum TestCode implements Code {
        X;

        @Override
        public String code() {
            return "X-0001";
        }

        @Override
        public String messageKey() {
            return "error.x";
        }
    }
}
