/**
 * Log records, learned log templates and lines with their template: values of {@code ralf.logs},
 * {@code ralf.log-templates} and {@code ralf.logs.templated}.
 */
package org.ralf.schemas.log;
