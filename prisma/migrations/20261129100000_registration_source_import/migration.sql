-- AlterEnum
ALTER TYPE "RegistrationSource" ADD VALUE 'import';
