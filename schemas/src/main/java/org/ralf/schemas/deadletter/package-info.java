/** Dead letters: input that failed to parse or validate, value of topic {@code ralf.deadletter}. */
package org.ralf.schemas.deadletter;
