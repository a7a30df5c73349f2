package org.ralf.executor.runner.ansible;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Renders a command's parameters as an Ansible extra-vars file in which every string is tagged
 * {@code !unsafe}. Ansible templates extra vars when a task uses them, so a string such as <code>
 * {{ lookup('pipe', 'id') }}</code> from an event would otherwise run on the controller; with the
 * tag it stays literal data. The file is YAML flow syntax (JSON with tags), which Ansible reads
 * through {@code -e @file}.
 */
public final class UnsafeExtraVars {

    private static final ObjectMapper JSON = new ObjectMapper();

    private UnsafeExtraVars() {}

    /** The YAML text for a parameter map. */
    public static String render(Map<String, Object> params) {
        StringBuilder out = new StringBuilder();
        value(out, params);
        return out.append('\n').toString();
    }

    private static void value(StringBuilder out, Object v) {
        if (v instanceof Map<?, ?> m) {
            out.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                out.append(quote(String.valueOf(e.getKey()))).append(": ");
                value(out, e.getValue());
                if (it.hasNext()) {
                    out.append(", ");
                }
            }
            out.append('}');
        } else if (v instanceof List<?> l) {
            out.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                value(out, l.get(i));
            }
            out.append(']');
        } else if (v instanceof String s) {
            out.append("!unsafe ").append(quote(s));
        } else if (v == null || v instanceof Number || v instanceof Boolean) {
            out.append(String.valueOf(v));
        } else {
            out.append("!unsafe ").append(quote(String.valueOf(v)));
        }
    }

    /** A double-quoted scalar; JSON's escapes are a subset of YAML's double-quoted escapes. */
    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot quote a string", e);
        }
    }
}
