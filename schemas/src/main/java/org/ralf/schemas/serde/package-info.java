/**
 * JSON serialisation of topic values: the shared ObjectMapper and the never-throwing EventSerde.
 */
package org.ralf.schemas.serde;
