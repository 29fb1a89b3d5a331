#include "acl_ops.h"

#include <aclnnop/aclnn_div.h>
#include <aclnnop/aclnn_exp.h>
#include <aclnnop/aclnn_flash_attention_score.h>
#include <aclnnop/aclnn_masked_fill_scalar.h>
#include <aclnnop/aclnn_matmul.h>
#include <aclnnop/aclnn_mul.h>
#include <aclnnop/aclnn_softmax.h>
#include <aclnnop/aclnn_sub.h>

namespace atlas::core::ascend::ops {

namespace {
/// aclnnMatmul's cubeMathType: keep float32 through the cube unit (no float16 or HF32 rounding).
constexpr std::int8_t kKeepDtype = 0;
}  // namespace

void matmul(Arena& arena, const aclTensor* a, const aclTensor* b, aclTensor* out) {
  launch(
      arena, "aclnnMatmul",
      [&](std::uint64_t* size, aclOpExecutor** executor) {
        return aclnnMatmulGetWorkspaceSize(a, b, out, kKeepDtype, size, executor);
      },
      aclnnMatmul);
}

void scale(Arena& arena, aclTensor* self, float value) {
  const aclScalar* factor = arena.scalar(value);
  launch(
      arena, "aclnnInplaceMuls",
      [&](std::uint64_t* size, aclOpExecutor** executor) {
        return aclnnInplaceMulsGetWorkspaceSize(self, factor, size, executor);
      },
      aclnnInplaceMuls);
}

void subtract(Arena& arena, aclTensor* self, const aclTensor* other) {
  const aclScalar* alpha = arena.scalar(1.0f);
  launch(
      arena, "aclnnInplaceSub",
      [&](std::uint64_t* size, aclOpExecutor** executor) {
        return aclnnInplaceSubGetWorkspaceSize(self, other, alpha, size, executor);
      },
      aclnnInplaceSub);
}

void exponentiate(Arena& arena, aclTensor* self) {
  launch(
      arena, "aclnnInplaceExp",
      [&](std::uint64_t* size, aclOpExecutor** executor) {
        return aclnnInplaceExpGetWorkspaceSize(self, size, executor);
      },
      aclnnInplaceExp);
}

void divide(Arena& arena, aclTensor* self, const aclTensor* other) {
  launch(
      arena, "aclnnInplaceDiv",
      [&](std::uint64_t* size, aclOpExecutor** executor) {
        return aclnnInplaceDivGetWorkspaceSize(self, other, size, executor);
      },
      aclnnInplaceDiv);
}

void softmax(Arena& arena, const aclTensor* self, std::int64_t dim, aclTensor* out) {
  launch(
      arena, "aclnnSoftmax",
      [&](std::uint64_t* size, aclOpExecutor** executor) {
        return aclnnSoftmaxGetWorkspaceSize(self, dim, out, size, executor);
      },
      aclnnSoftmax);
}

void maskedFill(Arena& arena, aclTensor* self, const aclTensor* mask, float value) {
  const aclScalar* fill = arena.scalar(value);
  launch(
      arena, "aclnnInplaceMaskedFillScalar",
      [&](std::uint64_t* size, aclOpExecutor** executor) {
        return aclnnInplaceMaskedFillScalarGetWorkspaceSize(self, mask, fill, size, executor);
      },
      aclnnInplaceMaskedFillScalar);
}

void flashAttention(Arena& arena, const FlashAttention& f) {
  // The operator takes the layout as a mutable C string.
  std::string layout = f.layout;
  launch(
      arena, "aclnnFlashAttentionScore",
      [&](std::uint64_t* size, aclOpExecutor** executor) {
        return aclnnFlashAttentionScoreGetWorkspaceSize(
            f.query, f.key, f.value, /*realShiftOptional=*/nullptr, /*dropMaskOptional=*/nullptr,
            /*paddingMaskOptional=*/nullptr, f.mask, /*prefixOptional=*/nullptr, f.scale,
            /*keepProb=*/1.0, f.preTokens, f.nextTokens, f.heads, layout.data(), f.innerPrecise,
            f.sparseMode, f.softmaxMax, f.softmaxSum, f.softmaxOut, f.out, size, executor);
      },
      aclnnFlashAttentionScore);
}

}  // namespace atlas::core::ascend::ops
