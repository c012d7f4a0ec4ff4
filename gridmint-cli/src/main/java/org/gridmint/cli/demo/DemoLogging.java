package org.gridmint.cli.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** The demo narrates itself; the components' own INFO logs would drown the story, so only errors pass. */
final class DemoLogging {
    private DemoLogging() {}

    static void quiet() {
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof Logger root) root.setLevel(Level.ERROR);
    }
}
