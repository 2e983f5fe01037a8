#!/usr/bin/env python3
"""Split an XC raw-text data set for the retraining benchmark.

Writes two folders:
  FULL    the whole data set with its labels permuted so that a random KEEP share of them comes
          first (ids 0..n_kept-1) and the rest is appended; the learning problem is unchanged.
  PARTIAL a random KEEP share of FULL's training documents with only the first n_kept labels;
          label entries of the other labels are removed (a document may end up with none).
Training on PARTIAL and retraining on FULL appends the held-out labels after the kept ones, as
`lever retrain` requires. Filter files are remapped for the test split and dropped for training.

Usage: retrain_split.py SOURCE FULL PARTIAL [--keep 0.8] [--seed 1]
"""
import argparse
import gzip
import os
import random


def open_text(folder, name):
    plain = os.path.join(folder, name)
    if os.path.exists(plain):
        return open(plain, encoding="utf-8")
    return gzip.open(plain + ".gz", "rt", encoding="utf-8")


def read_lines(folder, name):
    with open_text(folder, name) as handle:
        return handle.read().split("\n")[:-1]


def read_matrix(folder, name):
    lines = read_lines(folder, name)
    rows, columns = map(int, lines[0].split())
    matrix = []
    for line in lines[1:rows + 1]:
        entries = []
        for pair in line.split():
            label, value = pair.split(":")
            entries.append((int(label), value))
        matrix.append(entries)
    while len(matrix) < rows:
        matrix.append([])
    return matrix, columns


def write_lines(folder, name, lines):
    path = os.path.join(folder, name)
    with open(path + ".tmp", "w", encoding="utf-8") as handle:
        for line in lines:
            handle.write(line + "\n")
    os.replace(path + ".tmp", path)


def write_matrix(folder, name, matrix, columns):
    lines = [f"{len(matrix)} {columns}"]
    for entries in matrix:
        lines.append(" ".join(f"{label}:{value}" for label, value in sorted(entries)))
    write_lines(folder, name, lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source")
    parser.add_argument("full")
    parser.add_argument("partial")
    parser.add_argument("--keep", type=float, default=0.8, help="share of labels and documents kept (default 0.8)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    labels = read_lines(args.source, "Y.txt")
    order = list(range(len(labels)))
    rng.shuffle(order)
    kept_labels = int(round(args.keep * len(labels)))
    new_id = {old: new for new, old in enumerate(order)}

    train_texts = read_lines(args.source, "trn_X.txt")
    train, columns = read_matrix(args.source, "trn_X_Y.txt")
    test_texts = read_lines(args.source, "tst_X.txt")
    test, _ = read_matrix(args.source, "tst_X_Y.txt")
    remap = lambda matrix: [[(new_id[label], value) for label, value in row] for row in matrix]
    train, test = remap(train), remap(test)

    os.makedirs(args.full, exist_ok=True)
    write_lines(args.full, "Y.txt", [labels[old] for old in order])
    write_lines(args.full, "trn_X.txt", train_texts)
    write_matrix(args.full, "trn_X_Y.txt", train, columns)
    write_lines(args.full, "tst_X.txt", test_texts)
    write_matrix(args.full, "tst_X_Y.txt", test, columns)
    try:
        pairs = [line.split() for line in read_lines(args.source, "tst_filter_labels.txt")]
        write_lines(args.full, "tst_filter_labels.txt", [f"{doc} {new_id[int(label)]}" for doc, label in pairs])
    except FileNotFoundError:
        pass

    documents = list(range(len(train_texts)))
    rng.shuffle(documents)
    kept_documents = sorted(documents[:int(round(args.keep * len(documents)))])
    os.makedirs(args.partial, exist_ok=True)
    write_lines(args.partial, "Y.txt", [labels[old] for old in order[:kept_labels]])
    write_lines(args.partial, "trn_X.txt", [train_texts[d] for d in kept_documents])
    partial = [[(label, value) for label, value in train[d] if label < kept_labels] for d in kept_documents]
    write_matrix(args.partial, "trn_X_Y.txt", partial, kept_labels)
    print(f"{args.full}: {len(labels)} labels, {len(train_texts)} training documents")
    print(f"{args.partial}: {kept_labels} labels, {len(kept_documents)} training documents")


if __name__ == "__main__":
    main()
