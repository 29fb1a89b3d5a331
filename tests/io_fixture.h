// What the matrix-file suites share: .npy files built byte by byte, deterministic float32 samples,
// bit-exact comparison, and checking that a call throws Error(BadFile) with a one-sentence message.
#pragma once

#include "core/types.h"

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QStringList>
#include <QTest>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

namespace iotest {

using atlas::core::Error;
using Shape = std::vector<std::int64_t>;

/// Raw little-endian bytes of `v` (the host is little-endian; npy.cpp asserts it).
template <class T>
QByteArray raw(const std::vector<T>& v) {
  return QByteArray(reinterpret_cast<const char*>(v.data()), qsizetype(v.size() * sizeof(T)));
}

/// A header dict as numpy writes it, e.g. {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3),
/// }
inline QByteArray dict(const QByteArray& descr, bool fortran, const QByteArray& shape) {
  return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") +
         ", 'shape': " + shape + ", }";
}

/// A .npy file built byte by byte: magic, version `major`.0, header length (uint16 for 1.x and
/// unknown versions, uint32 for 2.x and 3.x), `dictText` padded with spaces and '\n' so the data
/// starts at a multiple of 64, then `data`.
inline QByteArray npyBytes(int major, const QByteArray& dictText, const QByteArray& data) {
  const int lenBytes = (major == 2 || major == 3) ? 4 : 2;
  const int prefix = 8 + lenBytes;
  QByteArray header = dictText;
  while ((prefix + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  QByteArray out("\x93NUMPY", 6);
  out += char(major);
  out += char(0);
  for (int i = 0; i < lenBytes; ++i) out += char((header.size() >> (8 * i)) & 0xFF);
  return out + header + data;
}

inline QByteArray npy(int major, const QByteArray& descr, bool fortran, const QByteArray& shape,
                      const QByteArray& data) {
  return npyBytes(major, dict(descr, fortran, shape), data);
}

/// Deterministic float32 values including -0, subnormals and the extremes.
inline std::vector<float> sample(std::size_t n) {
  const float special[] = {-0.0f,
                           std::numeric_limits<float>::denorm_min(),
                           std::numeric_limits<float>::max(),
                           std::numeric_limits<float>::lowest(),
                           std::numeric_limits<float>::min(),
                           1.0f / 3.0f};
  std::vector<float> v(n);
  for (std::size_t i = 0; i < n; ++i)
    v[i] = i < 6 ? special[i] : std::ldexp(float(i) * 0.7371f - 3.0f, int(i % 20) - 10);
  return v;
}

inline bool sameBits(float a, float b) {
  return std::bit_cast<std::uint32_t>(a) == std::bit_cast<std::uint32_t>(b);
}

inline bool sameBits(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * 4) == 0);
}

inline void writeFile(const QString& path, const QByteArray& bytes) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  QCOMPARE(f.write(bytes), bytes.size());
}

/// Runs `f`, which must throw Error(BadFile) with a one-sentence message containing every needle.
template <class F>
void expectBadFile(F&& f, const QStringList& needles) {
  QString msg;
  try {
    f();
    QFAIL("no error was thrown");
  } catch (const Error& e) {
    msg = QString::fromStdString(e.what());
    QVERIFY2(e.kind() == Error::Kind::BadFile, qPrintable("wrong kind: " + msg));
  } catch (const std::exception& e) {
    QFAIL(qPrintable(QString("not an atlas::core::Error: ") + e.what()));
  }
  for (const QString& n : needles)
    QVERIFY2(msg.contains(n), qPrintable("'" + n + "' not in: " + msg));
  QVERIFY2(msg.endsWith('.'), qPrintable("not a sentence: " + msg));
}

}  // namespace iotest
