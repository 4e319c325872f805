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
package io.github.redisutils.blacklist.security;

import java.util.function.Supplier;

import io.github.redisutils.blacklist.ReactiveTokenBlacklist;
import io.github.redisutils.blacklist.TokenBlacklist;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.function.SingletonSupplier;

/**
 * Joins the blacklist to every {@link JwtDecoder} and {@link ReactiveJwtDecoder} bean of
 * the application (Spring Boot's, or its own) by decorating it with
 * {@link TokenBlacklistJwtDecoders}. The blacklist beans are looked up on first use, so
 * that this post-processor does not bring them to life early.
 *
 * @author redis-utils authors
 */
public class TokenBlacklistJwtDecoderPostProcessor implements BeanPostProcessor, BeanFactoryAware {

	private Supplier<OAuth2TokenValidator<Jwt>> validator = () -> {
		throw new IllegalStateException("No bean factory");
	};

	private Supplier<ReactiveTokenBlacklistJwtValidator> reactiveValidator = () -> {
		throw new IllegalStateException("No bean factory");
	};

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		this.validator = SingletonSupplier
			.of(() -> new TokenBlacklistJwtValidator(beanFactory.getBean(TokenBlacklist.class)));
		this.reactiveValidator = SingletonSupplier.of(() -> new ReactiveTokenBlacklistJwtValidator(
				beanFactory.getBeanProvider(ReactiveTokenBlacklist.class).getIfAvailable(() -> {
					throw new IllegalStateException("A ReactiveJwtDecoder is joined to the token blacklist "
							+ "(redis.token-blacklist.security.enabled=true) but there is no "
							+ "ReactiveTokenBlacklist: it needs a ReactiveRedisConnectionFactory (Lettuce)");
				})));
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (TokenBlacklistJwtDecoders.isDecorated(bean)) {
			return bean;
		}
		if (bean instanceof JwtDecoder decoder) {
			return TokenBlacklistJwtDecoders.withBlacklist(decoder, this.validator);
		}
		if (bean instanceof ReactiveJwtDecoder decoder) {
			return TokenBlacklistJwtDecoders.withBlacklist(decoder, this.reactiveValidator);
		}
		return bean;
	}

}
