package io.c360.core.clv;

/** A fitted model and the report of its fit (log-likelihood, iterations, gradient norm). */
public record Fitted<M>(M model, MaximumLikelihood.Result report) {
}
