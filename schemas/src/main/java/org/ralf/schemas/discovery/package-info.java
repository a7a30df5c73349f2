/** Discovery events (hosts seen, changed, gone): value of topic {@code ralf.discovery}. */
package org.ralf.schemas.discovery;
