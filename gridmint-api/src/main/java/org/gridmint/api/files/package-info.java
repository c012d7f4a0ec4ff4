/** File handling that the SDK and the provider agent share: safe extraction of archives from the network. */
package org.gridmint.api.files;
