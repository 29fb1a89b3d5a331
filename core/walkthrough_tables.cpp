// The walkthrough's tables and the numbers of its worked examples.
#include "walkthrough_build.h"

#include <cmath>
#include <cstdio>
#include <limits>

namespace atlas::core::walk {

WalkTable makeTable(std::string name, const char* caption, const MatrixD& values,
                    std::vector<std::string> rowLabels, std::vector<std::string> colLabels) {
  WalkTable t;
  t.name = std::move(name);
  t.caption = caption;
  t.rows = values.rows();
  t.cols = values.cols();
  const Index rows = std::min(t.rows, kWalkMaxShown), cols = std::min(t.cols, kWalkMaxShown);
  t.values = values.topLeftCorner(rows, cols);
  rowLabels.resize(std::size_t(rows));
  colLabels.resize(std::size_t(cols));
  t.rowLabels = std::move(rowLabels);
  t.colLabels = std::move(colLabels);
  for (MaskMatrix* m : {&t.skipped, &t.read, &t.written, &t.example}) m->setZero(rows, cols);
  return t;
}

std::vector<std::string> indexLabels(Index first, Index count) {
  std::vector<std::string> out;
  for (Index c = 0; c < count; ++c) out.push_back(std::to_string(first + c));
  return out;
}

void markAll(const WalkTable& t, MaskMatrix& mask) {
  mask.setOnes(t.values.rows(), t.values.cols());
}

void markSkipped(WalkTable& t, const MaskMatrix& allowed) {
  for (Index i = 0; i < t.values.rows(); ++i)
    for (Index j = 0; j < t.values.cols(); ++j)
      if (allowed(i, j) == 0) {
        t.skipped(i, j) = 1;
        t.values(i, j) = std::numeric_limits<double>::quiet_NaN();
      }
}

void markComputed(const WalkTable& t, MaskMatrix& mask) {
  for (Index i = 0; i < t.values.rows(); ++i)
    for (Index j = 0; j < t.values.cols(); ++j)
      if (t.skipped(i, j) == 0) mask(i, j) = 1;
}

void markEntry(const WalkTable& t, MaskMatrix& mask, Index i, Index j) {
  if (i >= 0 && j >= 0 && i < t.values.rows() && j < t.values.cols()) mask(i, j) = 1;
}

void markRow(const WalkTable& t, MaskMatrix& mask, Index i) {
  for (Index j = 0; j < t.values.cols(); ++j) markEntry(t, mask, i, j);
}

void markCol(const WalkTable& t, MaskMatrix& mask, Index j) {
  for (Index i = 0; i < t.values.rows(); ++i) markEntry(t, mask, i, j);
}

std::string number(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", std::abs(v));
  // -0.001 is written 0.00, without a sign.
  const bool negative = v < 0 && std::string(text) != "0.00";
  return (negative ? "−" : "") + std::string(text);
}

std::string factor(double v) {
  const std::string s = number(v);
  return s.rfind("−", 0) == 0 ? "(" + s + ")" : s;
}

std::string sumOf(const std::vector<std::string>& terms, std::size_t limit,
                  const std::string& separator) {
  std::string out;
  for (std::size_t t = 0; t < terms.size() && t < limit; ++t)
    out += (t ? separator : "") + terms[t];
  if (terms.size() > limit) out += separator + "…";
  return out;
}

std::string subscript(Index k) {
  static const char* const kDigits[] = {"₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"};
  std::string out;
  for (char c : std::to_string(k)) out += kDigits[c - '0'];
  return out;
}

std::string at(Index i, Index j, Index c) {
  std::string s = "i = " + std::to_string(i);
  if (j >= 0) s += ", j = " + std::to_string(j);
  if (c >= 0) s += ", c = " + std::to_string(c);
  return s + ":  ";
}

std::string products(const Eigen::RowVectorXd& a, const Eigen::RowVectorXd& b) {
  std::vector<std::string> terms;
  for (Index c = 0; c < a.size(); ++c) terms.push_back(factor(a(c)) + "×" + factor(b(c)));
  return sumOf(terms);
}

Index HeadPlan::maskedPairs() const {
  Index count = 0;
  for (Index i = 0; i < allowed.rows(); ++i)
    for (Index j = 0; j < allowed.cols(); ++j) count += allowed(i, j) == 0;
  return count;
}

}  // namespace atlas::core::walk
