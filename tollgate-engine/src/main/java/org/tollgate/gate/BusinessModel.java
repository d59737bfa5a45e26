package org.tollgate.gate;

/**
 * Structured facts for checklist item 6: does anyone's revenue or payment rise when more alerts fire
 * or more referrals are made? Null = not stated.
 */
public record BusinessModel(Boolean revenueRisesWithVolume, Boolean paymentPerAlertOrReferral, String description) {}
