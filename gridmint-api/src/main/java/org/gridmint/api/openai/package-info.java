/**
 * Wire records of the OpenAI-compatible gateway ({@code POST /v1/embeddings}, {@code GET /v1/models}), with OpenAI's field
 * names, so existing OpenAI clients call Gridmint unchanged.
 */
package org.gridmint.api.openai;
