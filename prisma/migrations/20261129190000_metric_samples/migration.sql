-- CreateTable
CREATE TABLE "metric_samples" (
    "name" TEXT NOT NULL,
    "labels" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "metric_samples_pkey" PRIMARY KEY ("name","labels")
);
