/**
 * The agent process: configuration, registration, the claim loop and one heartbeat loop per running attempt,
 * and the translation of each {@link org.gridmint.provider.runtime.Outcome} into the coordinator's complete or
 * fail call. Everything starts at the provider: the coordinator never connects to it. The agent owns one
 * {@link org.gridmint.provider.models.AgentModels} (its model registry, made at start), advertised in its registration
 * and shared by every {@code embed} task and online request ({@link org.gridmint.provider.agent.ProviderAgent#models()}).
 *
 * <pre>
 *  start ─▶ probe hardware, pick sandbox ─▶ register ─▶ claim (long poll, free slots only) ─┐
 *                                              ▲  404: unknown provider                   │ one virtual thread per assignment
 *                                              └──────────────────────────────────────────┤
 *                                     heartbeat every interval (cancel / 409 stop it) ◀─── run in ExecRuntime ─▶ complete | fail
 *                                                                                          or EmbedRuntime
 * </pre>
 */
package org.gridmint.provider.agent;
