/** The long-running commands: {@code gridmint coordinator} and {@code gridmint provider}. */
package org.gridmint.cli.serve;
