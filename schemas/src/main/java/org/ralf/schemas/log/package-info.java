/**
 * Log records and learned log templates: values of {@code ralf.logs} and {@code
 * ralf.log-templates}.
 */
package org.ralf.schemas.log;
