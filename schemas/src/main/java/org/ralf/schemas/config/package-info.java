/**
 * Typed configuration: options with key, default, description and validator, read from ralf.yaml.
 */
package org.ralf.schemas.config;
