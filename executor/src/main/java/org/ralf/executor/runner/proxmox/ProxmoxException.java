package org.ralf.executor.runner.proxmox;

import org.ralf.executor.ExecutorException;

/** A Proxmox API call failed (transport, TLS, authentication or an error status). */
public class ProxmoxException extends ExecutorException {

    private final int status;

    /** Creates an exception for an HTTP error status (0 for transport failures). */
    public ProxmoxException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** Creates an exception for a transport failure. */
    public ProxmoxException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** HTTP status, 0 when no response was received. */
    public int status() {
        return status;
    }
}
