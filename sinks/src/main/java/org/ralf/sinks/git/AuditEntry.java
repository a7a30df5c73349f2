package org.ralf.sinks.git;

/**
 * One file of the audit repository and the commit that adds it.
 *
 * @param path path inside the repository ({@code decisions/2026-03-01/<incident>/<decision>.md})
 * @param content the file (Markdown with the explanation and the JSON record)
 * @param message the commit message (the decision's reason)
 */
public record AuditEntry(String path, String content, String message) {}
