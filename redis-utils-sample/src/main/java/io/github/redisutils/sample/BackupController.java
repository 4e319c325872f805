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

package io.github.redisutils.sample;

import java.io.IOException;
import java.io.InputStream;

import io.github.redisutils.autoconfigure.RedisMaintenanceProperties;
import io.github.redisutils.maintenance.CleanupReport;
import io.github.redisutils.maintenance.RedisBackup;
import io.github.redisutils.maintenance.RedisCleanup;
import io.github.redisutils.maintenance.RestoreOptions;
import io.github.redisutils.maintenance.RestoreSummary;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Shows backup and restore: {@code GET /admin/backup?pattern=values:*} streams the keys
 * as JSON lines straight from SCAN to the response (the heap holds one key at a time),
 * {@code POST /admin/restore} reads such a body back ({@code ?replace=true} replaces
 * existing keys, {@code ?targetPrefix=} restores under another prefix), and
 * {@code POST /admin/cleanup?dryRun=true} shows what a cleanup of stale keys would remove
 * ({@code dryRun=false} removes it). A real application puts these behind its
 * administrators' security; the sample keeps them open to stay short.
 *
 * @author redis-utils authors
 */
@RestController
class BackupController {

	private static final MediaType JSON_LINES = MediaType.parseMediaType("application/x-ndjson");

	private final RedisBackup backup;

	private final RestoreOptions restoreDefaults;

	private final RedisCleanup cleanup;

	BackupController(RedisBackup backup, RedisMaintenanceProperties properties, RedisCleanup cleanup) {
		this.backup = backup;
		this.cleanup = cleanup;
		this.restoreDefaults = properties.toRestoreOptions();
	}

	@GetMapping("/admin/backup")
	ResponseEntity<StreamingResponseBody> backup(@RequestParam(defaultValue = "*") String pattern) {
		StreamingResponseBody body = (out) -> this.backup.backup(pattern, out);
		return ResponseEntity.ok().contentType(JSON_LINES).body(body);
	}

	@PostMapping("/admin/restore")
	RestoreSummary restore(HttpServletRequest request, @RequestParam(defaultValue = "false") boolean replace,
			@RequestParam(required = false) @Nullable String targetPrefix) throws IOException {
		RestoreOptions options = this.restoreDefaults
			.withExistingKeys(replace ? RestoreOptions.ExistingKeys.REPLACE : this.restoreDefaults.existingKeys())
			.withTargetPrefix(targetPrefix);
		try (InputStream in = request.getInputStream()) {
			return this.backup.restore(in, options);
		}
	}

	@PostMapping("/admin/cleanup")
	CleanupReport cleanup(@RequestParam(defaultValue = "true") boolean dryRun) {
		return this.cleanup.cleanup(dryRun);
	}

}
