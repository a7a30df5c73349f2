/** The CEP pattern library over the per-entity event stream, each pattern an explained anomaly. */
package org.ralf.pipelines.cep;
