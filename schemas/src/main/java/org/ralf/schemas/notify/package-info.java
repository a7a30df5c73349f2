/** Notifications for humans (Matrix): value of topic {@code ralf.notifications}. */
package org.ralf.schemas.notify;
