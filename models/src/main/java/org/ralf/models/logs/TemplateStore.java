package org.ralf.models.logs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.annotation.Nullable;
import org.ralf.models.embed.TemplateEmbedder;

/**
 * The store of mined templates, searched by embedding similarity. The pgvector implementation is
 * {@code org.ralf.sinks.memory.PgTemplateStore}.
 *
 * <p>Contract: {@link #upsert} is idempotent per template id (the row is replaced by the newer
 * state; {@code first_seen} keeps the earliest, {@code count} the largest value, severity is kept
 * when the update brings none). {@link #nearest} answers "which stored templates are most similar
 * to this vector?" (approximate where the implementation uses an index).
 */
public interface TemplateStore {

    /**
     * Inserts or updates one template, embedding its text with {@link TemplateEmbedder}.
     *
     * @param template the template
     * @param severity optional severity label (e.g. from the log level), null to keep the stored
     *     one
     * @throws TemplateStoreException on database failure
     */
    default void upsert(LogTemplate template, @Nullable String severity)
            throws TemplateStoreException {
        upsertAll(List.of(template), severity);
    }

    /**
     * Inserts or updates templates in one batch and transaction.
     *
     * @param templates the templates
     * @param severity optional severity for all of them, null to keep stored values
     * @throws TemplateStoreException on database failure (nothing is written then)
     */
    void upsertAll(Collection<LogTemplate> templates, @Nullable String severity)
            throws TemplateStoreException;

    /**
     * The {@code k} stored templates nearest to a vector by cosine distance.
     *
     * @param embedding a vector of {@link TemplateEmbedder#DIMENSION} floats
     * @param k how many to return, at least 1
     * @return nearest first
     * @throws TemplateStoreException on database failure
     */
    List<SimilarTemplate> nearest(float[] embedding, int k) throws TemplateStoreException;

    /**
     * Known templates a newly created template may be a variant of: the nearest stored templates
     * other than itself whose similarity reaches {@code minSimilarity}.
     *
     * @param template the new template
     * @param k how many neighbours to examine
     * @param minSimilarity cosine similarity threshold in [0, 1]
     * @return candidates, most similar first
     * @throws TemplateStoreException on database failure
     */
    default List<SimilarTemplate> variantsOf(LogTemplate template, int k, double minSimilarity)
            throws TemplateStoreException {
        List<SimilarTemplate> out = new ArrayList<>();
        for (SimilarTemplate s :
                nearest(TemplateEmbedder.embedTemplate(template.template()), k + 1)) {
            if (!s.templateId().equals(template.templateId()) && s.similarity() >= minSimilarity) {
                out.add(s);
            }
        }
        return out;
    }
}
