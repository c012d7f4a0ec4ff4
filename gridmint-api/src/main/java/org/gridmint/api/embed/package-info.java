/**
 * The files of a batch embed job: the user's input (plain text, one item per line, or JSON Lines with a text field),
 * read into items with ids, and the {@code shard.jsonl} file of one task ({@code {"i", "id", "text"}} per line), written
 * by the coordinator and read by the provider. Both sides use these classes, so the format has one definition.
 */
package org.gridmint.api.embed;
