/**
 * The embedding models an agent serves: which device they run on ({@link org.gridmint.provider.models.DeviceChoice}, from
 * the probed GPUs and the ONNX Runtime build) and the shared {@link org.gridmint.embed.ModelRegistry} with the offers the
 * agent advertises ({@link org.gridmint.provider.models.AgentModels}). Batch {@code embed} tasks and online requests use
 * the same registry, so each model is loaded once per agent.
 */
package org.gridmint.provider.models;
