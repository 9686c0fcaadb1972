package org.eto4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.eto4j.core.ErrorCode;
import org.eto4j.core.EtoException;
import org.junit.jupiter.api.Test;

class ColumnMappingTest {

    private static ColumnMapping.Builder minimal() {
        return ColumnMapping.builder().date("date").tmax("tx").tmin("tn").latitude(-7.5).elevation(256);
    }

    @Test
    void defaultsNameTheOutputsAndTheStandardWindHeight() {
        ColumnMapping m = minimal().build();
        assertEquals("eto", m.etoColumn());
        assertEquals("flags", m.flagsColumn());
        assertEquals("eto_error", m.errorColumn());
        assertEquals(2.0, m.windHeightMetres());
        assertEquals(List.of(), m.keyColumns());
    }

    @Test
    void refusesAMappingWithoutTmaxTminOrDay() {
        assertRefused("tmax", () -> ColumnMapping.builder().date("d").tmin("tn").latitude(0).elevation(0).build());
        assertRefused("tmin", () -> ColumnMapping.builder().date("d").tmax("tx").latitude(0).elevation(0).build());
        assertRefused("date", () -> ColumnMapping.builder().tmax("tx").tmin("tn").latitude(0).elevation(0).build());
    }

    @Test
    void refusesASiteOutOfRangeOrAbsent() {
        assertRefused("latitude", () -> minimal().latitude(91).build());
        assertRefused("elevation", () -> minimal().elevation(-600).build());
        assertRefused("latitude", () -> ColumnMapping.builder().date("d").tmax("tx").tmin("tn").elevation(0)
                .build());
        assertRefused("windHeightMetres", () -> minimal().windHeightMetres(0.1).build());
    }

    @Test
    void refusesBlankNamesAndClashingOutputs() {
        assertRefused("rs", () -> minimal().rs(" "));
        assertRefused("etoColumn", () -> minimal().flagsColumn("eto").build());
        assertRefused("intermediates", () -> minimal().intermediates(true).etoColumn("eto_rn").build());
        assertEquals("eto_rn", minimal().etoColumn("eto_rn").build().etoColumn());  // free without intermediates
    }

    @Test
    void aConstantReplacesAColumnAndTheMappingSurvivesSerialization() throws Exception {
        ColumnMapping m = minimal().latitude("lat").latitude(10.0).key("cell", "date").build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(m);
        }
        ColumnMapping copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (ColumnMapping) in.readObject();
        }
        assertEquals(10.0, copy.latitudeDegrees().orElseThrow());
        assertEquals(List.of("cell", "date"), copy.keyColumns());
        assertEquals(m.toString(), copy.toString());
    }

    private static void assertRefused(String option, org.junit.jupiter.api.function.Executable build) {
        EtoException e = assertThrows(EtoException.class, build);
        assertEquals(ErrorCode.INVALID_OPTION, e.code());
        assertEquals(option, e.field().orElseThrow());
    }
}
