// `--set NAME=VALUE` and the parameter panel's fields: the first byte picks a variant, the
// rest is NAME=VALUE, set on that variant's parameters.
#include "fuzz_target.h"

#include "core/params.h"
#include "core/variant_registry.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto& variants = atlas::core::allVariants();
  const atlas::core::Variant& v = *variants[data[0] % variants.size()];
  const std::string rest = atlas::fuzz::text(data + 1, size - 1);
  const auto eq = rest.find('=');
  const std::string name = eq == std::string::npos ? rest : rest.substr(0, eq);
  const std::string value = eq == std::string::npos ? "" : rest.substr(eq + 1);
  const auto specs = v.params();
  atlas::core::ParamSet params = atlas::core::defaultParams(specs);
  atlas::fuzz::refusalOnly([&] { atlas::core::setParam(params, specs, v.id(), name, value); });
  return 0;
}
