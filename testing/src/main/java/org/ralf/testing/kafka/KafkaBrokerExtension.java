package org.ralf.testing.kafka;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension that injects the JVM's {@link KafkaBroker} into test constructors, lifecycle
 * methods and test methods: {@code @ExtendWith(KafkaBrokerExtension.class)}.
 */
public final class KafkaBrokerExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return KafkaBroker.get();
    }
}
