/** Helpers of the SDK that are not part of its API and may change without notice. */
package org.gridmint.client.internal;
