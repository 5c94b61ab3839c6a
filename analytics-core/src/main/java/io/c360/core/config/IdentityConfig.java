package io.c360.core.config;

/**
 * Identity-resolution rules.
 *
 * @param defaultCountryCode    country calling code for phones written without one (e.g. 86)
 * @param emailProviderRules    also drop dots and +tags in the local part of Gmail addresses and +tags elsewhere
 * @param maxPeoplePerIdentifier an identifier seen on more accounts, or more members, than this is shared (a
 *                               family phone) and is not used as a link
 * @param maxGuestOrdersPerPhone a phone on more guest orders than this (a shop's counter phone) is not a link
 * @param maxIterations          bound on connected-components rounds
 * @param hmacKey                key of the keyed hashes of phones and emails (env C360_HMAC_KEY overrides)
 */
public record IdentityConfig(String defaultCountryCode, boolean emailProviderRules, int maxPeoplePerIdentifier,
                             int maxGuestOrdersPerPhone, int maxIterations, String hmacKey) {
  public IdentityConfig {
    if (defaultCountryCode == null || !defaultCountryCode.matches("[1-9][0-9]{0,2}")) {
      throw new ConfigException("c360.identity.default-country-code must be 1-3 digits, got '" + defaultCountryCode
          + "'");
    }
    if (maxPeoplePerIdentifier < 1) {
      throw new ConfigException("c360.identity.max-people-per-identifier must be >= 1, got " + maxPeoplePerIdentifier);
    }
    if (maxGuestOrdersPerPhone < 1) {
      throw new ConfigException("c360.identity.max-guest-orders-per-phone must be >= 1, got " + maxGuestOrdersPerPhone);
    }
    if (maxIterations < 2 || maxIterations > 1000) {
      throw new ConfigException("c360.identity.max-iterations must be between 2 and 1000, got " + maxIterations);
    }
    if (hmacKey == null || hmacKey.length() < 16) {
      throw new ConfigException("c360.identity.hmac-key must have at least 16 characters");
    }
  }
}
