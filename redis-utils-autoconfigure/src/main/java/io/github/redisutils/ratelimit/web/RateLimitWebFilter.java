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

import java.security.Principal;

import io.github.redisutils.ratelimit.RateLimiterRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * WebFlux filter that limits requests by route and, when given the application's
 * annotated-controller handler mapping, by {@link RateLimit} annotation; it answers as
 * {@link RateLimitHandlerInterceptor} does. Decisions run on Reactor's bounded-elastic
 * scheduler, never on a server event-loop thread.
 *
 * @author redis-utils authors
 */
public class RateLimitWebFilter implements WebFilter {

	private final WebRateLimiter limiter;

	private final @Nullable HandlerMapping handlerMapping;

	/**
	 * Create a filter.
	 * @param registry the limiters
	 * @param settings routes, headers and keys
	 * @param handlerMapping the annotated-controller handler mapping, to find
	 * {@link RateLimit} annotations; {@code null} to limit by route only
	 * @throws IllegalStateException if a route names a policy that does not exist
	 */
	public RateLimitWebFilter(RateLimiterRegistry registry, RateLimitWebSettings settings,
			@Nullable HandlerMapping handlerMapping) {
		this.limiter = new WebRateLimiter(registry, settings);
		this.handlerMapping = handlerMapping;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return annotation(exchange).map(Holder::new)
			.defaultIfEmpty(new Holder(null))
			.flatMap((holder) -> limit(exchange, chain, holder.annotation()));
	}

	private Mono<Void> limit(ServerWebExchange exchange, WebFilterChain chain, @Nullable RateLimit annotation) {
		if (!this.limiter.applies(ExchangeRateLimitRequest.path(exchange), annotation)) {
			return chain.filter(exchange);
		}
		return exchange.getPrincipal()
			.map(Principal::getName)
			.defaultIfEmpty("")
			.publishOn(Schedulers.boundedElastic())
			.map((name) -> this.limiter.decide(new ExchangeRateLimitRequest(exchange, name.isEmpty() ? null : name,
					this.limiter.settings().clientAddresses()), annotation))
			.flatMap((decision) -> {
				ServerHttpResponse response = exchange.getResponse();
				decision.headers().forEach((name, value) -> response.getHeaders().set(name, value));
				if (decision.allowed()) {
					return chain.filter(exchange);
				}
				response.setStatusCode(HttpStatus.valueOf(decision.status()));
				response.getHeaders().setContentType(MediaType.parseMediaType(WebDecision.PROBLEM_JSON));
				DataBuffer body = response.bufferFactory().wrap(decision.body());
				return response.writeWith(Mono.just(body));
			});
	}

	private Mono<RateLimit> annotation(ServerWebExchange exchange) {
		if (this.handlerMapping == null) {
			return Mono.empty();
		}
		return this.handlerMapping.getHandler(exchange).mapNotNull((handler) -> {
			if (!(handler instanceof HandlerMethod method)) {
				return null;
			}
			RateLimit annotation = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RateLimit.class);
			return (annotation != null) ? annotation
					: AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RateLimit.class);
		});
	}

	private record Holder(@Nullable RateLimit annotation) {

	}

}
