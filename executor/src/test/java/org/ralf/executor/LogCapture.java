package org.ralf.executor;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Captures every log line of the test JVM while open (attached to the root logger). */
public final class LogCapture implements AutoCloseable {

    private final StringWriter out = new StringWriter();
    private final WriterAppender appender;

    /** Starts capturing. */
    public LogCapture() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration cfg = ctx.getConfiguration();
        appender =
                WriterAppender.newBuilder()
                        .setName("capture-" + System.nanoTime())
                        .setTarget(out)
                        .setLayout(PatternLayout.newBuilder().withPattern("%c %m %ex%n").build())
                        .build();
        appender.start();
        cfg.addAppender(appender);
        cfg.getRootLogger().addAppender(appender, Level.ALL, null);
        cfg.getLoggers().values().forEach(l -> l.addAppender(appender, Level.ALL, null));
        ctx.updateLoggers();
    }

    /** Everything captured so far. */
    public synchronized String text() {
        return out.toString();
    }

    @Override
    public void close() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration cfg = ctx.getConfiguration();
        cfg.getRootLogger().removeAppender(appender.getName());
        cfg.getLoggers().values().forEach(l -> l.removeAppender(appender.getName()));
        ctx.updateLoggers();
        appender.stop();
    }
}
