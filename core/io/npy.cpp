#include "npy.h"

#include "file_bytes.h"

#include "../memory.h"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <numeric>

namespace atlas::core::io {
namespace {

/// Throws Error(BadFile, format, {name, args...}): the format starts with "%1: " (the file)
/// and uses %2, %3 for `args`.
[[noreturn]] void fail(const std::string& name, const char* format,
                       std::vector<std::string> args = {}) {
  args.insert(args.begin(), name);
  throw Error(Error::Kind::BadFile, format, std::move(args));
}

std::string shapeText(const std::vector<std::int64_t>& shape) {
  std::string s = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) s += std::to_string(shape[i]) + ", ";
  if (shape.size() > 1)
    s.resize(s.size() - 2);  // (n,) keeps its comma, as Python writes it
  else if (shape.size() == 1)
    s.resize(s.size() - 1);
  return s + ")";
}

/// The value text of `key` in the header dict, e.g. "'<f4'", "False", "(3, 4)".
std::string dictValue(const std::string& header, const std::string& key, const std::string& name) {
  // The last of a repeated key, as numpy reads the header (a Python dict literal).
  const std::size_t single = header.rfind("'" + key + "'"), dbl = header.rfind("\"" + key + "\"");
  std::size_t at = single == std::string::npos ? dbl
                   : dbl == std::string::npos  ? single
                                               : std::max(single, dbl);
  if (at == std::string::npos)
    fail(name, ATLAS_TR_NOOP("CoreErrors", "%1: the header has no '%2' entry."), {key});
  std::size_t colon = header.find(':', at);
  if (colon == std::string::npos)
    fail(name, ATLAS_TR_NOOP("CoreErrors", "%1: the header is malformed near '%2'."), {key});
  std::size_t start = header.find_first_not_of(' ', colon + 1);
  if (start == std::string::npos)
    fail(name, ATLAS_TR_NOOP("CoreErrors", "%1: the header is malformed near '%2'."), {key});
  std::size_t end;
  if (header[start] == '(') {
    end = header.find(')', start);
    if (end == std::string::npos)
      fail(name, ATLAS_TR_NOOP("CoreErrors", "%1: the header's shape is not closed."));
    ++end;
  } else if (header[start] == '\'' || header[start] == '"') {
    end = header.find(header[start], start + 1);
    if (end == std::string::npos)
      fail(name, ATLAS_TR_NOOP("CoreErrors", "%1: the header is malformed near '%2'."), {key});
    ++end;
  } else {
    end = header.find_first_of(",}", start);
    if (end == std::string::npos)
      fail(name, ATLAS_TR_NOOP("CoreErrors", "%1: the header is malformed near '%2'."), {key});
  }
  std::string v = header.substr(start, end - start);
  while (!v.empty() && v.back() == ' ') v.pop_back();
  return v;
}

std::vector<std::int64_t> parseShape(const std::string& text, const std::string& name) {
  std::vector<std::int64_t> shape;
  std::string inner = text.substr(1, text.size() - 2);
  std::size_t pos = 0;
  while (pos < inner.size()) {
    std::size_t comma = inner.find(',', pos);
    std::string part =
        inner.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    pos = comma == std::string::npos ? inner.size() : comma + 1;
    part.erase(0, part.find_first_not_of(' '));
    while (!part.empty() && (part.back() == ' ' || part.back() == 'L')) part.pop_back();
    if (part.empty()) continue;
    char* endp = nullptr;
    const long long v = std::strtoll(part.c_str(), &endp, 10);
    if (*endp != '\0' || v < 0)
      fail(name, ATLAS_TR_NOOP("CoreErrors", "%1: the header's shape %2 is not valid."), {text});
    shape.push_back(v);
  }
  return shape;
}

}  // namespace

NpyHeader parseNpyHeader(const std::string& bytes, const std::string& name) {
  static const char kMagic[] = "\x93NUMPY";
  if (bytes.size() < 10 || std::memcmp(bytes.data(), kMagic, 6) != 0)
    fail(name,
         ATLAS_TR_NOOP("CoreErrors",
                       "%1: not a .npy file (its first bytes are not the NumPy magic string)."));
  const int major = static_cast<unsigned char>(bytes[6]);
  std::size_t headerLen, headerStart;
  if (major == 1) {
    headerLen = static_cast<unsigned char>(bytes[8]) | (static_cast<unsigned char>(bytes[9]) << 8);
    headerStart = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12)
      fail(name, ATLAS_TR_NOOP("CoreErrors", "%1: the file is truncated inside its header."));
    headerLen = 0;
    for (int i = 3; i >= 0; --i)
      headerLen = (headerLen << 8) | static_cast<unsigned char>(bytes[8 + i]);
    headerStart = 12;
  } else {
    fail(name, ATLAS_TR_NOOP("CoreErrors", "%1: unsupported .npy format version %2."),
         {num(major)});
  }
  if (headerLen > kMaxHeaderBytes)
    fail(name,
         ATLAS_TR_NOOP("CoreErrors",
                       "%1: its header of %2 bytes is longer than any .npy header numpy writes."),
         {num(static_cast<long long>(headerLen))});
  if (headerStart + headerLen > bytes.size())
    fail(name, ATLAS_TR_NOOP("CoreErrors", "%1: the file is truncated inside its header."));
  const std::string header = bytes.substr(headerStart, headerLen);
  if (header.find('{') == std::string::npos)
    fail(name, ATLAS_TR_NOOP("CoreErrors", "%1: the header is not a dictionary."));

  const std::string descr = dictValue(header, "descr", name);
  const std::string fortran = dictValue(header, "fortran_order", name);
  const std::string shapeStr = dictValue(header, "shape", name);
  if (shapeStr.empty() || shapeStr.front() != '(')
    fail(name, ATLAS_TR_NOOP("CoreErrors", "%1: the header's shape is not a tuple."));

  // Every spelling numpy.dtype() reads as little-endian (or native, here little-endian)
  // float32 or float64.
  std::string type = descr;
  if (type.size() >= 2 && (type.front() == '\'' || type.front() == '"') &&
      type.back() == type.front())
    type = type.substr(1, type.size() - 2);
  static const char* const f4[] = {"<f4", "=f4", "f4", "<f", "=f", "f", "float32", "single"};
  static const char* const f8[] = {"<f8", "=f8",     "f8",     "<d",   "=d",
                                   "d",   "float64", "double", "float"};
  const auto among = [&](const auto& names) {
    return std::find(std::begin(names), std::end(names), type) != std::end(names);
  };
  std::size_t itemSize = 0;
  if (among(f4))
    itemSize = 4;
  else if (among(f8))
    itemSize = 8;
  else
    fail(name,
         ATLAS_TR_NOOP(
             "CoreErrors",
             "%1: the dtype %2 is not supported: save Q, K and V as little-endian float32 or "
             "float64 ('<f4' or '<f8')."),
         {descr});
  if (fortran == "True")
    fail(name, ATLAS_TR_NOOP("CoreErrors",
                             "%1: Fortran-order arrays are not supported; save it in C order "
                             "(numpy.ascontiguousarray)."));
  if (fortran != "False")
    fail(name,
         ATLAS_TR_NOOP("CoreErrors", "%1: the header's fortran_order is neither True nor False."));

  NpyHeader a;
  a.shape = parseShape(shapeStr, name);
  a.itemSize = itemSize;
  std::size_t count = 1;
  for (auto s : a.shape) {
    if (s != 0 && count > std::numeric_limits<std::size_t>::max() / 16 / std::size_t(s))
      fail(name, ATLAS_TR_NOOP("CoreErrors", "%1: the shape %2 is too large."),
           {shapeText(a.shape)});
    count *= std::size_t(s);
  }
  a.count = count;
  a.dataStart = headerStart + headerLen;
  return a;
}

void convertNpyValues(const char* src, std::size_t count, std::size_t itemSize, std::size_t first,
                      float* dst, const std::string& name) {
  for (std::size_t i = 0; i < count; ++i) {
    double v;
    if (itemSize == 4) {
      float f;
      std::memcpy(&f, src + 4 * i, 4);
      v = f;
    } else {
      std::memcpy(&v, src + 8 * i, 8);
    }
    if (!std::isfinite(v))
      fail(name,
           std::isnan(v)
               ? ATLAS_TR_NOOP("CoreErrors",
                               "%1: contains NaN at flat index %2; inputs must be finite numbers.")
               : ATLAS_TR_NOOP("CoreErrors",
                               "%1: contains Inf at flat index %2; inputs must be finite numbers."),
           {num(static_cast<long long>(first + i))});
    if (std::abs(v) > std::numeric_limits<float>::max())
      fail(name,
           ATLAS_TR_NOOP("CoreErrors", "%1: the value at flat index %2 is too large for float32."),
           {num(static_cast<long long>(first + i))});
    dst[i] = static_cast<float>(v);
  }
}

namespace {

[[noreturn]] void failTruncated(const std::string& name, const NpyHeader& h, std::size_t have) {
  fail(name,
       ATLAS_TR_NOOP(
           "CoreErrors",
           "%1: truncated: shape %2 needs %3 bytes of data but only %4 follow the header."),
       {shapeText(h.shape), num(static_cast<long long>(h.count * h.itemSize)),
        num(static_cast<long long>(have))});
}

}  // namespace

NpyArray parseNpy(const std::string& bytes, const std::string& name) {
  const NpyHeader h = parseNpyHeader(bytes, name);
  const std::size_t have = bytes.size() - h.dataStart;
  if (have < h.count * h.itemSize) failTruncated(name, h, have);
  NpyArray a;
  a.shape = h.shape;
  a.data.resize(h.count);
  convertNpyValues(bytes.data() + h.dataStart, h.count, h.itemSize, 0, a.data.data(), name);
  return a;
}

NpyFile::NpyFile(const std::string& path, double maxBytes) : m_path(path) {
  checkNotSpecial(path);
  m_in.open(path, std::ios::binary);
  if (!m_in)
    throw Error(Error::Kind::BadFile, ATLAS_TR_NOOP("CoreErrors", "%1: cannot be opened (%2)."),
                {path, std::strerror(errno)});
  m_in.seekg(0, std::ios::end);
  const std::streamoff size = m_in.tellg();
  m_in.seekg(0, std::ios::beg);
  // The header alone first (its length is in the first 12 bytes), then the data it declares:
  // nothing after it is read, and a size that does not fit is refused before any is read.
  std::string prefix(std::size_t(std::min<std::streamoff>(size, 12)), '\0');
  m_in.read(prefix.data(), std::streamsize(prefix.size()));
  std::size_t headerEnd = prefix.size();
  if (prefix.size() >= 10 && std::memcmp(prefix.data(), "\x93NUMPY", 6) == 0) {
    const int major = static_cast<unsigned char>(prefix[6]);
    std::size_t len = 0;
    if (major == 1) {
      len = static_cast<unsigned char>(prefix[8]) | (static_cast<unsigned char>(prefix[9]) << 8);
      headerEnd = 10 + len;
    } else if (prefix.size() >= 12) {
      for (int i = 3; i >= 0; --i) len = (len << 8) | static_cast<unsigned char>(prefix[8 + i]);
      headerEnd = 12 + len;
    }
    headerEnd = std::min<std::size_t>({headerEnd, std::size_t(size), kMaxHeaderBytes + 12});
  }
  const std::size_t got = prefix.size();
  prefix.resize(headerEnd);
  m_in.read(prefix.data() + got, std::streamsize(headerEnd - got));
  if (!m_in)
    throw Error(Error::Kind::BadFile, ATLAS_TR_NOOP("CoreErrors", "%1: cannot be read."), {path});
  m_header = parseNpyHeader(prefix, path);
  const std::size_t have = std::size_t(size) - m_header.dataStart;
  if (have < m_header.count * m_header.itemSize) failTruncated(path, m_header, have);
  checkReadSize(path, double(m_header.count) * sizeof(float), maxBytes);
}

void NpyFile::read(float* dst) {
  constexpr std::size_t kChunkValues = 1 << 17;  // 1 MiB of float64 at a time
  std::vector<char> buffer(kChunkValues * m_header.itemSize);
  m_in.seekg(std::streamoff(m_header.dataStart));
  for (std::size_t done = 0; done < m_header.count;) {
    const std::size_t n = std::min(kChunkValues, m_header.count - done);
    m_in.read(buffer.data(), std::streamsize(n * m_header.itemSize));
    if (!m_in)
      throw Error(Error::Kind::BadFile, ATLAS_TR_NOOP("CoreErrors", "%1: cannot be read."),
                  {m_path});
    convertNpyValues(buffer.data(), n, m_header.itemSize, done, dst + done, m_path);
    done += n;
  }
}

NpyArray readNpy(const std::string& path, double maxBytes) {
  NpyFile file(path, maxBytes);
  NpyArray a;
  a.shape = file.header().shape;
  try {
    a.data.resize(file.header().count);
  } catch (const std::bad_alloc&) {
    throw Error(Error::Kind::TooLarge,
                ATLAS_TR_NOOP("CoreErrors", "%1: there is not enough memory to read its %2."),
                {path, formatBytes(double(file.header().count) * sizeof(float))});
  }
  file.read(a.data.data());
  return a;
}

std::string npyHeader(const std::string& dtype, const std::vector<std::int64_t>& shape) {
  static_assert(std::endian::native == std::endian::little,
                "the .npy writer assumes little-endian");
  std::string header =
      "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': " + shapeText(shape) + ", }";
  // Pad with spaces and a final newline so the data starts at a multiple of 64 bytes.
  const bool v2 = header.size() + 11 > 65535;
  const std::size_t prefix = v2 ? 12 : 10;
  const std::size_t total = ((prefix + header.size() + 1 + 63) / 64) * 64;
  header.append(total - prefix - header.size() - 1, ' ');
  header += '\n';
  std::string out = "\x93NUMPY";
  out += static_cast<char>(v2 ? 2 : 1);
  out += '\0';
  const std::size_t len = header.size();
  for (std::size_t i = 0; i < (v2 ? 4u : 2u); ++i)
    out += static_cast<char>((len >> (8 * i)) & 0xFF);
  return out + header;
}

namespace {
std::size_t elementCount(const std::vector<std::int64_t>& shape) {
  return std::accumulate(shape.begin(), shape.end(), std::size_t{1},
                         [](std::size_t a, std::int64_t b) { return a * std::size_t(b); });
}
}  // namespace

std::string encodeNpy(const void* data, const std::string& dtype, std::size_t itemSize,
                      const std::vector<std::int64_t>& shape) {
  std::string out = npyHeader(dtype, shape);
  out.append(static_cast<const char*>(data), elementCount(shape) * itemSize);
  return out;
}

void writeNpy(const std::string& path, const float* data, const std::vector<std::int64_t>& shape) {
  writeFileParts(path, npyHeader("<f4", shape), {{data, elementCount(shape) * 4}});
}

void writeNpy(const std::string& path, const std::uint8_t* data,
              const std::vector<std::int64_t>& shape) {
  writeFileParts(path, npyHeader("|u1", shape), {{data, elementCount(shape)}});
}

void writeNpyChunks(const std::string& path, const std::string& dtype, std::size_t itemSize,
                    const std::vector<std::int64_t>& shape, const std::vector<Chunk>& chunks) {
  std::size_t total = 0;
  for (const Chunk& c : chunks) total += c.size;
  if (total != elementCount(shape) * itemSize)
    throw std::logic_error("writeNpyChunks: the chunks do not fill the shape");
  writeFileParts(path, npyHeader(dtype, shape), chunks);
}

}  // namespace atlas::core::io
