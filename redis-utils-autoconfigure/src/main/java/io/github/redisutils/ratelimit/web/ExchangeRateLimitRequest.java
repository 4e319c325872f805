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
package io.github.redisutils.ratelimit.web;

import java.net.InetSocketAddress;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.web.server.ServerWebExchange;

/**
 * {@link RateLimitRequest} of a WebFlux exchange whose principal was resolved before.
 *
 * @author redis-utils authors
 */
final class ExchangeRateLimitRequest implements RateLimitRequest {

	private final ServerWebExchange exchange;

	private final @Nullable String principalName;

	private final ClientAddresses clientAddresses;

	ExchangeRateLimitRequest(ServerWebExchange exchange, @Nullable String principalName,
			ClientAddresses clientAddresses) {
		this.exchange = exchange;
		this.principalName = principalName;
		this.clientAddresses = clientAddresses;
	}

	@Override
	public String getMethod() {
		return this.exchange.getRequest().getMethod().name();
	}

	@Override
	public String getPath() {
		return path(this.exchange);
	}

	static String path(ServerWebExchange exchange) {
		return exchange.getRequest().getPath().pathWithinApplication().value();
	}

	@Override
	public @Nullable String getClientIp() {
		InetSocketAddress remote = this.exchange.getRequest().getRemoteAddress();
		String peer = (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : null;
		List<String> forwarded = this.exchange.getRequest().getHeaders().get("X-Forwarded-For");
		return this.clientAddresses.clientIp(peer, (forwarded != null) ? forwarded : List.of());
	}

	@Override
	public @Nullable String getHeader(String name) {
		return this.exchange.getRequest().getHeaders().getFirst(name);
	}

	@Override
	public @Nullable String getPrincipalName() {
		return this.principalName;
	}

	@Override
	public Object getNativeRequest() {
		return this.exchange;
	}

}
