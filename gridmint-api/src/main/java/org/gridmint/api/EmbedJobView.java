package org.gridmint.api;

/**
 * What an embed job embeds, as its view shows it.
 *
 * @param model the model its tasks run
 * @param input the input file's name
 * @param items how many items the coordinator counted in the input
 * @param shard items per task (the last task takes the rest)
 */
public record EmbedJobView(String model, String input, int items, int shard) {}
