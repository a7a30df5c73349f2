package org.ralf.schemas.serde;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import javax.annotation.Nullable;

/**
 * Makes the records' nullability the JSON contract: a component of a record in {@code
 * org.ralf.schemas} is required (absent → "missing field") and must not be JSON {@code null} unless
 * it is annotated {@link Nullable}. This is the same rule the JSON Schemas' {@code required} lists
 * follow, which a test checks.
 */
final class ContractIntrospector extends JacksonAnnotationIntrospector {

    private static final long serialVersionUID = 1L;

    @Override
    public Boolean hasRequiredMarker(AnnotatedMember m) {
        if (isContract(m)) {
            // Explicit FALSE for @Nullable: it must win over a non-annotated member of the same
            // property (CdcEnvelope's JSON creator takes a nullable schemaVersion).
            return !m.hasAnnotation(Nullable.class);
        }
        return super.hasRequiredMarker(m);
    }

    @Override
    public JsonSetter.Value findSetterInfo(Annotated a) {
        JsonSetter.Value value = super.findSetterInfo(a);
        if (a instanceof AnnotatedMember m
                && isContract(m)
                && !m.hasAnnotation(Nullable.class)
                && !m.getRawType().isPrimitive()) {
            return value.withValueNulls(Nulls.FAIL);
        }
        return value;
    }

    private static boolean isContract(AnnotatedMember m) {
        Class<?> owner = m.getDeclaringClass();
        return owner != null
                && owner.isRecord()
                && owner.getPackageName().startsWith("org.ralf.schemas");
    }
}
