/** Invariant checks shared by the records of this module; not an API for other modules. */
package org.ralf.schemas.internal;
