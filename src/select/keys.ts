/** Flags a grid or search space may vary, with what each takes. */
export const TRAIN_KEYS = ['model', 'optimizer', 'C', 'l2', 'l1', 'lr', 'epochs', 'batch-size', 'schedule', 'momentum', 'class-weight', 'max-iter', 'tol', 'scale', 'hidden', 'activation', 'dropout'] as const;
export const TEXT_KEYS = ['ngrams', 'min-count', 'max-features', 'weighting', 'hash-buckets'] as const;
export const SETTING_KEYS: readonly string[] = [...TRAIN_KEYS, ...TEXT_KEYS];
