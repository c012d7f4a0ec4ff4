/**
 * Sentence-embedding models that Gridmint serves: which models exist ({@link org.gridmint.embed.ModelCatalog}), their
 * tokenizers ({@link org.gridmint.embed.TokenCounter}), one shared ONNX Runtime session per model on CPU or CUDA
 * ({@link org.gridmint.embed.Embedder}, {@link org.gridmint.embed.ModelRegistry}) and the vector formats on the wire and
 * in results ({@link org.gridmint.embed.Vectors}). Providers run models with it; the coordinator counts tokens with it.
 */
package org.gridmint.embed;
