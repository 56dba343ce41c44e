/**
 * Sixty examples of three classes a, b, c over three features, each class
 * marked by a large value (+2) of its own feature, with some noise on the
 * others: a feature read in another column changes the predicted class.
 */
export const CLASSES = ['a', 'b', 'c'];
export const rows = Array.from({ length: 60 }, (_, i) => {
  const k = i % 3;
  const x = [0.1 * ((i * 7) % 5), 0.1 * ((i * 3) % 4), 0.1 * ((i * 5) % 3)];
  x[k] += 2;
  return { k, x };
});
