package org.ralf.testing.kafka;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension that injects the JVM's {@link KafkaBroker} into test constructors, lifecycle
 * methods and test methods: {@code @ExtendWith(KafkaBrokerExtension.class)}.
 */
public final class KafkaBrokerExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NS =
            ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // Closed by JUnit when the root context ends (end of the test run in this JVM), so the
        // broker stops before the JVM exits instead of racing the test runner's exit in a
        // shutdown hook.
        context.getRoot()
                .getStore(NS)
                .getOrComputeIfAbsent(
                        "broker-stopper",
                        k -> (AutoCloseable) KafkaBroker::stop,
                        AutoCloseable.class);
        return KafkaBroker.get();
    }
}
