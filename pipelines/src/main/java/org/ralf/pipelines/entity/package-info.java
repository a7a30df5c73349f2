/** The unified per-entity event stream: metric-derived states, logs, discovery and CDC events. */
package org.ralf.pipelines.entity;
