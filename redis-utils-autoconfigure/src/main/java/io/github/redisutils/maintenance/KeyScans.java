/*
 * Copyright 2026 the redis-utils authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.redisutils.maintenance;

import java.util.function.Consumer;

import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;

/**
 * The one key walk of maintenance: {@code SCAN} with a {@code MATCH} and a {@code COUNT},
 * on every connected master of a Cluster (each master holds its own slots), on the server
 * otherwise. Never {@code KEYS}: memory and server time stay bounded by one SCAN batch.
 * Shared by backups and cleanups.
 */
final class KeyScans {

	private KeyScans() {
	}

	/**
	 * Hand every key matching the scan options to a consumer, as SCAN returns them. A key
	 * may come twice (SCAN's guarantee is at least once for keys that exist throughout).
	 * @param connection the connection the scan runs on (a cluster connection scans every
	 * master)
	 * @param options the MATCH pattern (escaped), COUNT and TYPE of the scan
	 * @param each what is done with each key
	 */
	static void forEachKey(RedisConnection connection, ScanOptions options, Consumer<byte[]> each) {
		if (connection instanceof RedisClusterConnection cluster) {
			for (RedisClusterNode node : cluster.clusterGetNodes()) {
				if (node.isMaster() && node.isConnected()) {
					try (Cursor<byte[]> cursor = cluster.scan(node, options)) {
						cursor.forEachRemaining(each);
					}
				}
			}
		}
		else {
			try (Cursor<byte[]> cursor = connection.keyCommands().scan(options)) {
				cursor.forEachRemaining(each);
			}
		}
	}

	/**
	 * Escape the glob characters of a literal text for a SCAN MATCH pattern.
	 * @param text the literal text, for example a key prefix
	 * @return the text matching only itself
	 */
	static String escapeGlob(String text) {
		StringBuilder escaped = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
				escaped.append('\\');
			}
			escaped.append(c);
		}
		return escaped.toString();
	}

}
