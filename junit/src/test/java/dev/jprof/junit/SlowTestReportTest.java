package dev.jprof.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SlowTestReportTest {
    @Test
    void namedByClassAndMethod() {
        assertEquals("com.acme.OrderTest.checkout", SlowTestReport.baseName("com.acme.OrderTest", "checkout",
                "[engine:junit-jupiter]/[class:com.acme.OrderTest]/[method:checkout()]"));
    }

    @Test
    void aTemplateInvocationAddsItsNumber() {
        assertEquals("com.acme.OrderTest$Nested.price[3]", SlowTestReport.baseName("com.acme.OrderTest$Nested",
                "price", "[engine:junit-jupiter]/[class:com.acme.OrderTest]/[nested-class:Nested]"
                        + "/[test-template:price(int)]/[test-template-invocation:#3]"));
    }

    @Test
    void characterUnsafeInFileNamesAreReplaced() {
        assertEquals("Weird_Name.m_", SlowTestReport.baseName("Weird/Name", "m:", "[method:m]"));
    }
}
