package org.ralf.models.logs;

/**
 * One answer of a nearest-template lookup.
 *
 * @param templateId the stored template's id
 * @param source its source
 * @param template its text
 * @param count its line count as last stored
 * @param similarity cosine similarity to the query, 1 - pgvector's cosine distance ({@code <=>})
 */
public record SimilarTemplate(
        String templateId, String source, String template, long count, double similarity) {}
