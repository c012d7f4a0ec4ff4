/**
 * The provider channel: a WebSocket that a provider opens to the coordinator ({@code GET /api/v1/providers/{id}/channel},
 * signed like every provider request), so that it can serve online requests from behind NAT. JSON text frames, one
 * {@link org.gridmint.api.channel.ChannelMessage} each, told apart by their {@code type} field.
 */
package org.gridmint.api.channel;
