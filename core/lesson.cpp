#include "lesson.h"

#include "io/file_bytes.h"
#include "io/json.h"
#include "variant_registry.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <limits>

namespace atlas::core {

// Defined in the source CMake generates from resources/lessons/*.json (core/embed_lessons.cmake).
const std::vector<std::pair<std::string, std::string_view>>& builtinLessonTexts();

namespace {

using io::Json;
using io::JsonArray;
using io::JsonObject;

constexpr const char* kFormat = "attention-atlas-lesson";

/// A problem inside scene `scene` (1-based; 0: the lesson itself) of lesson `name`.
[[noreturn]] void fail(const std::string& name, std::size_t scene, const std::string& what) {
  if (scene == 0)
    throw Error(Error::Kind::BadFile, ATLAS_TR_NOOP("CoreErrors", "%1, the lesson itself: %2"),
                {name, what});
  throw Error(Error::Kind::BadFile, ATLAS_TR_NOOP("CoreErrors", "%1, scene %2: %3"),
              {name, num(long(scene)), what});
}

const Json* member(const JsonObject& o, std::string_view key) { return o.find(key); }

/// 'key', then " rest" if any: built by appending (GCC 12 warns falsely on chains of operator+
/// of std::string here).
std::string quotedName(std::string_view key, std::string_view rest = {}) {
  std::string s;
  s.reserve(key.size() + rest.size() + 3);
  s.append("'").append(key).append("'");
  if (!rest.empty()) s.append(" ").append(rest);
  return s;
}

std::string stringOf(const JsonObject& o, std::string_view key, const std::string& fallback,
                     const std::function<void(const std::string&)>& bad) {
  const Json* v = member(o, key);
  if (!v) return fallback;
  if (!v->asString()) bad(quotedName(key, "must be a string."));
  return *v->asString();
}

LocalText textOf(const JsonObject& o, std::string_view key,
                 const std::function<void(const std::string&)>& bad) {
  const Json* v = member(o, key);
  if (!v) return {};
  if (const std::string* s = v->asString()) return {*s, {}};
  const JsonObject* t = v->asObject();
  if (!t) bad(quotedName(key, "must be a text or {\"en\": ..., \"zh_CN\": ...}."));
  return {stringOf(*t, "en", {}, bad), stringOf(*t, "zh_CN", {}, bad)};
}

std::vector<std::string> stringList(const Json& v, const std::string& what,
                                    const std::function<void(const std::string&)>& bad) {
  const JsonArray* a = v.asArray();
  if (!a) bad(what + " must be a list of texts.");
  std::vector<std::string> out;
  for (const Json& s : a->items()) {
    if (!s.asString()) bad(what + " must be a list of texts.");
    out.push_back(*s.asString());
  }
  return out;
}

LocalLabels labelsOf(const JsonObject& o, std::string_view key,
                     const std::function<void(const std::string&)>& bad) {
  const Json* v = member(o, key);
  if (!v) return {};
  const std::string what = quotedName(key);
  if (const JsonObject* t = v->asObject()) {
    LocalLabels l;
    if (const Json* en = t->find("en")) l.en = stringList(*en, what, bad);
    if (const Json* zh = t->find("zh_CN")) l.zh = stringList(*zh, what, bad);
    return l;
  }
  return {stringList(*v, what, bad), {}};
}

/// A list of rows of finite numbers, every row as long, as a float matrix.
Matrix matrixOf(const Json& v, const std::string& what,
                const std::function<void(const std::string&)>& bad) {
  const std::string shape = what + " must be a list of rows of numbers, every row as long.";
  const JsonArray* rows = v.asArray();
  if (!rows || rows->size() == 0) bad(shape);
  const JsonArray* first = rows->items()[0].asArray();
  if (!first || first->size() == 0) bad(shape);
  Matrix m(Index(rows->size()), Index(first->size()));
  for (std::size_t i = 0; i < rows->size(); ++i) {
    const JsonArray* row = rows->items()[i].asArray();
    if (!row || row->size() != first->size()) bad(shape);
    for (std::size_t j = 0; j < row->size(); ++j) {
      const auto x = row->items()[j].asNumber();
      if (!x || !std::isfinite(*x) || std::abs(*x) > std::numeric_limits<float>::max())
        bad(what + " holds something that is not a finite float.");
      m(Index(i), Index(j)) = float(*x);
    }
  }
  return m;
}

JsonArray matrixJson(const Matrix& m) {
  JsonArray rows;
  for (Index i = 0; i < m.rows(); ++i) {
    JsonArray row;
    for (Index j = 0; j < m.cols(); ++j) row.append(double(m(i, j)));
    rows.append(std::move(row));
  }
  return rows;
}

Json textJson(const LocalText& t) { return JsonObject{{"en", t.en}, {"zh_CN", t.zh}}; }

Json labelsJson(const LocalLabels& l) {
  const auto list = [](const std::vector<std::string>& v) {
    JsonArray a;
    for (const auto& s : v) a.append(s);
    return a;
  };
  if (l.zh.empty()) return list(l.en);
  return JsonObject{{"en", list(l.en)}, {"zh_CN", list(l.zh)}};
}

void readInputs(Scene& s, const JsonObject& o, const std::function<void(const std::string&)>& bad) {
  const std::string source = stringOf(o, "source", "random", bad);
  const auto integer = [&](std::string_view key, Index fallback, Index min, Index max) -> Index {
    const Json* v = member(o, key);
    if (!v) return fallback;
    const auto x = v->asInteger();
    if (!x || *x < min || *x > max)
      bad(quotedName(std::string("inputs.").append(key), std::string("must be a whole number from ")
                                                             .append(num(min))
                                                             .append(" to ")
                                                             .append(num(max))
                                                             .append(".")));
    return Index(*x);
  };
  s.spec.seed = std::uint64_t(integer("seed", 0, 0, Index(1) << 53));
  if (source == "matrices") {
    auto in = std::make_shared<Inputs>();
    for (const char* key : {"q", "k", "v"})
      if (!member(o, key)) bad("hand-set inputs need 'q', 'k' and 'v'.");
    in->q = matrixOf(*member(o, "q"), "'inputs.q'", bad);
    in->k = matrixOf(*member(o, "k"), "'inputs.k'", bad);
    in->v = matrixOf(*member(o, "v"), "'inputs.v'", bad);
    s.queryLabels = labelsOf(o, "query_labels", bad);
    s.keyLabels = labelsOf(o, "key_labels", bad);
    s.matrices = in;
    try {
      for (const char* language : {"en", "zh_CN"}) validateInputs(*s.inputsIn(language));
    } catch (const Error& e) {
      bad(e.what());
    }
    return;
  }
  try {
    s.spec = parseInputSource(source == "sentence" ? "sentence:" : source, s.spec);
  } catch (const Error& e) {
    bad(e.what());
  }
  s.spec.text = stringOf(o, "text", {}, bad);
  s.spec.keyText = stringOf(o, "key_text", {}, bad);
  constexpr Index kMaxSide = Index(1) << 24, kMaxWidth = Index(1) << 16;
  s.spec.n = integer("n", 16, 1, kMaxSide);
  s.spec.m = integer("m", 0, 0, kMaxSide);
  s.spec.d = integer("d", 16, 1, kMaxWidth);
  s.spec.dv = integer("dv", 0, 0, kMaxWidth);
}

void readParams(Scene& s, const JsonObject& o, const std::function<void(const std::string&)>& bad) {
  const auto specs = s.variant->params();
  const std::string id = s.variant->id();
  for (std::size_t i = 0; i < o.size(); ++i) {
    const std::string& key = o.keys()[i];
    const Json& v = o.values()[i];
    try {
      const ParamSpec* spec = findSpec(specs, key);
      if (spec && spec->kind == ParamKind::Matrix) {
        setMatrixParam(s.params, specs, id, key, matrixOf(v, quotedName(key), bad));
      } else if (const auto b = v.asBool()) {
        setParam(s.params, specs, id, key, *b ? "true" : "false");
      } else if (const auto x = v.asNumber()) {
        setParam(s.params, specs, id, key, formatNumber(*x));
      } else if (const std::string* t = v.asString()) {
        setParam(s.params, specs, id, key, *t);
      } else {
        bad(std::string("parameter ")
                .append(quotedName(key, "must be a number, true or false, a text or a matrix.")));
      }
    } catch (const Error& e) {
      bad(e.what());
    }
  }
}

Scene readScene(const Json& v, const std::string& name, std::size_t index) {
  const auto bad = [&](const std::string& what) { fail(name, index, what); };
  const JsonObject* o = v.asObject();
  if (!o) bad("a scene must be an object.");
  Scene s;
  s.title = textOf(*o, "title", bad);
  s.caption = textOf(*o, "caption", bad);
  s.variant = findVariant(stringOf(*o, "variant", "scaled_dot", bad));
  if (!s.variant)
    bad(std::string("there is no variant ")
            .append(quotedName(stringOf(*o, "variant", {}, bad)))
            .append("."));
  if (const Json* in = member(*o, "inputs")) {
    if (!in->asObject()) bad("'inputs' must be an object.");
    readInputs(s, *in->asObject(), bad);
  }
  s.params = defaultParams(s.variant->params());
  s.params.seed = s.spec.seed;
  if (const Json* p = member(*o, "parameters")) {
    if (!p->asObject()) bad("'parameters' must be an object.");
    readParams(s, *p->asObject(), bad);
  }
  s.view = stringOf(*o, "view", "heatmap", bad);
  s.page = stringOf(*o, "page", {}, bad);
  if (const Json* c = member(*o, "compare"))
    for (const std::string& id : stringList(*c, "'compare'", bad)) {
      const Variant* v = findVariant(id);
      if (!v) bad(std::string("'compare' names no variant ").append(quotedName(id)).append("."));
      s.compare.push_back(v);
    }
  if (const Json* step = member(*o, "step")) {
    const auto k = step->asInteger();
    if (!k || *k < 0 || *k > 1000) bad("'step' must be a whole number from 0 to 1000.");
    s.step = int(*k);
  }
  return s;
}

JsonObject inputsJson(const Scene& s) {
  JsonObject o;
  o["seed"] = double(s.spec.seed);
  if (s.matrices) {
    o["source"] = "matrices";
    o["q"] = matrixJson(s.matrices->q);
    o["k"] = matrixJson(s.matrices->k);
    o["v"] = matrixJson(s.matrices->v);
    if (!s.queryLabels.en.empty() || !s.queryLabels.zh.empty())
      o["query_labels"] = labelsJson(s.queryLabels);
    if (!s.keyLabels.en.empty() || !s.keyLabels.zh.empty())
      o["key_labels"] = labelsJson(s.keyLabels);
    return o;
  }
  o["source"] = inputSourceName(s.spec.source);
  if (s.spec.source == InputSource::Sentence) {
    o["text"] = s.spec.text;
    if (!s.spec.keyText.empty()) o["key_text"] = s.spec.keyText;
  } else {
    o["n"] = s.spec.n;
    o["m"] = s.spec.m;
  }
  o["d"] = s.spec.d;
  o["dv"] = s.spec.dv;
  return o;
}

JsonObject paramsJson(const Scene& s) {
  JsonObject o;
  const auto specs = s.variant->params();
  const ParamSet defaults = defaultParams(specs);
  for (const ParamSpec& spec : specs) {
    if (spec.kind == ParamKind::Matrix) {
      if (const Matrix* m = s.params.matrix(spec.name)) o[spec.name] = matrixJson(*m);
    } else if (spec.kind == ParamKind::Text) {
      if (s.params.text(spec.name) != defaults.text(spec.name))
        o[spec.name] = s.params.text(spec.name);
    } else if (s.params.number(spec.name) != defaults.number(spec.name)) {
      const double x = s.params.number(spec.name);
      if (spec.kind == ParamKind::Bool)
        o[spec.name] = x != 0;
      else
        o[spec.name] = x;
    }
  }
  return o;
}

}  // namespace

std::shared_ptr<const Inputs> Scene::inputsIn(std::string_view language) const {
  if (!matrices) return nullptr;
  auto in = std::make_shared<Inputs>(*matrices);
  in->queryTokens = queryLabels.of(language);
  in->keyTokens = keyLabels.of(language);
  return in;
}

EngineRequest Scene::request(std::string_view language, const RequestLimits& limits) const {
  return RequestBuilder(spec, inputsIn(language), limits).single({variant, params});
}

Lesson parseLesson(std::string_view text, const std::string& name) {
  const Json doc = io::parseJson(text, name);
  const JsonObject* o = doc.asObject();
  const Json* format = o ? o->find("format") : nullptr;
  if (!format || !format->asString() || *format->asString() != kFormat)
    throw Error(
        Error::Kind::BadFile,
        ATLAS_TR_NOOP("CoreErrors",
                      "%1: not a lesson (it needs \"format\": \"attention-atlas-lesson\")."),
        {name});
  const Json* version = o->find("version");
  const auto v = version ? version->asInteger() : std::nullopt;
  if (!v || *v != Lesson::kVersion)
    throw Error(Error::Kind::BadFile,
                ATLAS_TR_NOOP("CoreErrors",
                              "%1: lesson version %2 cannot be read: this build reads version %3."),
                {name, v ? num(long(*v)) : std::string("?"), num(Lesson::kVersion)});
  Lesson lesson;
  lesson.title = textOf(*o, "title", [&](const std::string& what) { fail(name, 0, what); });
  const Json* scenes = o->find("scenes");
  if (!scenes || !scenes->asArray() || scenes->asArray()->size() == 0)
    fail(name, 0, "a lesson needs a list of scenes, at least one.");
  for (std::size_t i = 0; i < scenes->asArray()->size(); ++i)
    lesson.scenes.push_back(readScene(scenes->asArray()->items()[i], name, i + 1));
  return lesson;
}

std::string lessonToJson(const Lesson& lesson) {
  JsonArray scenes;
  for (const Scene& s : lesson.scenes) {
    JsonObject o{{"title", textJson(s.title)},  {"caption", textJson(s.caption)},
                 {"variant", s.variant->id()},  {"inputs", inputsJson(s)},
                 {"parameters", paramsJson(s)}, {"view", s.view}};
    if (!s.page.empty()) o["page"] = s.page;
    if (s.step != 0) o["step"] = s.step;
    if (!s.compare.empty()) {
      JsonArray ids;
      for (const Variant* v : s.compare) ids.append(v->id());
      o["compare"] = std::move(ids);
    }
    scenes.append(std::move(o));
  }
  return io::toJson(JsonObject{{"format", kFormat},
                               {"version", Lesson::kVersion},
                               {"title", textJson(lesson.title)},
                               {"scenes", std::move(scenes)}});
}

const std::vector<std::string>& builtinLessonNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& [name, text] : builtinLessonTexts()) out.push_back(name);
    return out;
  }();
  return names;
}

Lesson loadLesson(const std::string& nameOrPath) {
  for (const auto& [name, text] : builtinLessonTexts())
    if (name == nameOrPath) return parseLesson(text, name);
  std::error_code ec;
  if (!std::filesystem::exists(nameOrPath, ec)) {
    std::string names;
    for (const std::string& n : builtinLessonNames())
      names.append(names.empty() ? "" : ", ").append(n);
    throw Error(Error::Kind::BadFile,
                ATLAS_TR_NOOP("CoreErrors",
                              "There is no lesson '%1': neither a built-in one (%2) nor a file."),
                {nameOrPath, names});
  }
  return parseLesson(io::readFileBytes(nameOrPath), nameOrPath);
}

void saveLesson(const Lesson& lesson, const std::string& path) {
  // Through a file beside it, flushed and renamed over it: the old lesson whole or the new one.
  io::writeFileBytes(path, lessonToJson(lesson));
}

}  // namespace atlas::core
